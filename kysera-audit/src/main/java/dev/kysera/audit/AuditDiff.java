package dev.kysera.audit;

/**
 * How one column differs between two versions of a row (see {@link AuditLog#diff(long, long)}).
 *
 * @param column the column
 * @param before its stored value in the earlier version (null also when absent)
 * @param after  its stored value in the later version (null also when absent)
 */
public record AuditDiff(String column, Object before, Object after) {
}
