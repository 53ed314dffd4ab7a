package dev.kysera.executor.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import org.jooq.tools.jdbc.DefaultPreparedStatement;

/**
 * A prepared statement that remembers the values bound to it, one row per {@code addBatch()}, so
 * observers and batch rules see exactly what the database received. Only installed when a role
 * needs the values.
 */
final class RecordingStatement extends DefaultPreparedStatement {

    private final List<List<Object>> rows = new ArrayList<>();
    private long[] batchCounts;
    private Object[] current = new Object[8];
    private int size;
    /** What {@link #rows()} last returned, until something is bound again: the events of one execution share it. */
    private List<List<Object>> snapshot;

    RecordingStatement(PreparedStatement delegate) {
        super(delegate);
    }

    /** The rows bound so far: every batch row, then the pending one if anything is bound. */
    List<List<Object>> rows() {
        if (snapshot == null) {
            List<List<Object>> all = new ArrayList<>(rows.size() + 1);
            all.addAll(rows);
            if (size > 0 || rows.isEmpty()) {
                all.add(pending());
            }
            snapshot = java.util.Collections.unmodifiableList(all);
        }
        return snapshot;
    }

    private List<Object> pending() {
        return java.util.Collections.unmodifiableList(Arrays.asList(Arrays.copyOf(current, size)));
    }

    private void record(int index, Object value) {
        snapshot = null;
        if (index > current.length) {
            current = Arrays.copyOf(current, Math.max(index, current.length * 2));
        }
        current[index - 1] = value;
        size = Math.max(size, index);
    }

    /** What the driver reported per batch row, or null before a batch ran (jOOQ keeps only the first). */
    long[] batchCounts() {
        return batchCounts;
    }

    @Override
    public int[] executeBatch() throws SQLException {
        int[] counts = super.executeBatch();
        batchCounts = Arrays.stream(counts).asLongStream().toArray();
        return counts;
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        long[] counts = super.executeLargeBatch();
        batchCounts = counts.clone();
        return counts;
    }

    @Override
    public void addBatch() throws SQLException {
        super.addBatch();
        rows.add(pending());
        current = new Object[current.length];
        size = 0;
        snapshot = null;
    }

    @Override
    public void clearParameters() throws SQLException {
        super.clearParameters();
        current = new Object[current.length];
        size = 0;
        snapshot = null;
    }

    @Override
    public void setNull(int index, int sqlType) throws SQLException {
        super.setNull(index, sqlType);
        record(index, null);
    }

    @Override
    public void setNull(int index, int sqlType, String typeName) throws SQLException {
        super.setNull(index, sqlType, typeName);
        record(index, null);
    }

    @Override
    public void setBoolean(int index, boolean x) throws SQLException {
        super.setBoolean(index, x);
        record(index, x);
    }

    @Override
    public void setByte(int index, byte x) throws SQLException {
        super.setByte(index, x);
        record(index, x);
    }

    @Override
    public void setShort(int index, short x) throws SQLException {
        super.setShort(index, x);
        record(index, x);
    }

    @Override
    public void setInt(int index, int x) throws SQLException {
        super.setInt(index, x);
        record(index, x);
    }

    @Override
    public void setLong(int index, long x) throws SQLException {
        super.setLong(index, x);
        record(index, x);
    }

    @Override
    public void setFloat(int index, float x) throws SQLException {
        super.setFloat(index, x);
        record(index, x);
    }

    @Override
    public void setDouble(int index, double x) throws SQLException {
        super.setDouble(index, x);
        record(index, x);
    }

    @Override
    public void setBigDecimal(int index, BigDecimal x) throws SQLException {
        super.setBigDecimal(index, x);
        record(index, x);
    }

    @Override
    public void setString(int index, String x) throws SQLException {
        super.setString(index, x);
        record(index, x);
    }

    @Override
    public void setNString(int index, String x) throws SQLException {
        super.setNString(index, x);
        record(index, x);
    }

    @Override
    public void setBytes(int index, byte[] x) throws SQLException {
        super.setBytes(index, x);
        record(index, x);
    }

    @Override
    public void setDate(int index, Date x) throws SQLException {
        super.setDate(index, x);
        record(index, x);
    }

    @Override
    public void setDate(int index, Date x, Calendar calendar) throws SQLException {
        super.setDate(index, x, calendar);
        record(index, x);
    }

    @Override
    public void setTime(int index, Time x) throws SQLException {
        super.setTime(index, x);
        record(index, x);
    }

    @Override
    public void setTime(int index, Time x, Calendar calendar) throws SQLException {
        super.setTime(index, x, calendar);
        record(index, x);
    }

    @Override
    public void setTimestamp(int index, Timestamp x) throws SQLException {
        super.setTimestamp(index, x);
        record(index, x);
    }

    @Override
    public void setTimestamp(int index, Timestamp x, Calendar calendar) throws SQLException {
        super.setTimestamp(index, x, calendar);
        record(index, x);
    }

    @Override
    public void setObject(int index, Object x) throws SQLException {
        super.setObject(index, x);
        record(index, x);
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType) throws SQLException {
        super.setObject(index, x, targetSqlType);
        record(index, x);
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        super.setObject(index, x, targetSqlType, scaleOrLength);
        record(index, x);
    }
}
