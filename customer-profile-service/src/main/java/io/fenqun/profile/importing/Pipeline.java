package io.fenqun.profile.importing;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Collects valid records of one kind into batches and writes a batch. */
abstract sealed class Pipeline {

    protected final RecordParser parser;
    protected final int batchSize;

    Pipeline(RecordParser parser, int batchSize) {
        this.parser = parser;
        this.batchSize = batchSize;
    }

    /** Parses a row, keeping the record for the next batch; returns the row's errors. */
    abstract List<RowError> accept(SourceRow row);

    abstract boolean batchReady();

    abstract List<?> takeBatch();

    abstract List<?> takeAll();

    abstract BatchResult write(Connection db, List<?> records) throws SQLException, IOException;

    static final class Customers extends Pipeline {
        private List<CustomerRecord> pending = new ArrayList<>();

        Customers(RecordParser parser, int batchSize) {
            super(parser, batchSize);
        }

        @Override
        List<RowError> accept(SourceRow row) {
            RecordParser.Parsed<CustomerRecord> parsed = parser.customer(row);
            if (parsed.record() != null) {
                pending.add(parsed.record());
            }
            return parsed.errors();
        }

        @Override
        boolean batchReady() {
            return pending.size() >= batchSize;
        }

        @Override
        List<?> takeBatch() {
            return takeAll();
        }

        @Override
        List<?> takeAll() {
            List<CustomerRecord> batch = pending;
            pending = new ArrayList<>();
            return batch;
        }

        @Override
        @SuppressWarnings("unchecked")
        BatchResult write(Connection db, List<?> records) throws SQLException, IOException {
            return CustomerBatchWriter.write(db, (List<CustomerRecord>) records);
        }
    }

    /**
     * Orders: the rows of one order must stand together in the file, and a batch only ends
     * between orders, so an order is never split across transactions.
     */
    static final class Orders extends Pipeline {
        private List<OrderRecord> pending = new ArrayList<>();
        private final java.util.Map<String, Long> firstRowOfOrder = new java.util.HashMap<>();
        private String currentOrder;

        Orders(RecordParser parser, int batchSize) {
            super(parser, batchSize);
        }

        @Override
        List<RowError> accept(SourceRow row) {
            RecordParser.Parsed<OrderRecord> parsed = parser.order(row);
            OrderRecord record = parsed.record();
            if (record == null) {
                return parsed.errors();
            }
            String key = record.source() + "/" + record.orderId();
            if (!key.equals(currentOrder)) {
                Long earlier = firstRowOfOrder.putIfAbsent(key, record.row());
                if (earlier != null) {
                    return List.of(new RowError(
                            record.row(),
                            RowError.WHOLE_ROW,
                            "continues the order of row " + earlier + ", but an order's rows must stand together"));
                }
                currentOrder = key;
            }
            pending.add(record);
            return List.of();
        }

        @Override
        boolean batchReady() {
            return pending.size() >= batchSize;
        }

        /** Everything but the order still being read, which may have more rows to come. */
        @Override
        List<?> takeBatch() {
            int end = pending.size();
            while (end > 0 && key(pending.get(end - 1)).equals(currentOrder)) {
                end--;
            }
            if (end == 0) {
                return List.of();
            }
            List<OrderRecord> batch = new ArrayList<>(pending.subList(0, end));
            pending = new ArrayList<>(pending.subList(end, pending.size()));
            return batch;
        }

        @Override
        List<?> takeAll() {
            List<OrderRecord> batch = pending;
            pending = new ArrayList<>();
            return batch;
        }

        @Override
        @SuppressWarnings("unchecked")
        BatchResult write(Connection db, List<?> records) throws SQLException, IOException {
            return OrderBatchWriter.write(db, (List<OrderRecord>) records);
        }

        private static String key(OrderRecord r) {
            return r.source() + "/" + r.orderId();
        }
    }
}
