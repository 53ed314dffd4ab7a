package dev.kysera.audit.internal;

import dev.kysera.audit.AuditOperation;
import dev.kysera.audit.AuditedTable;
import java.util.List;
import java.util.Map;

/** One change of one row, about to be written to the audit log (values not yet redacted). */
record Change(AuditedTable table, Rows.Key key, AuditOperation operation, Map<String, Object> oldValues, Map<String, Object> newValues,
              List<String> changedColumns) {
}
