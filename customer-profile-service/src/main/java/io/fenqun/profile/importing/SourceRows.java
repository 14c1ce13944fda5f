package io.fenqun.profile.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/** Streams the records of a CSV, XLSX or JSON Lines file, one at a time, never the whole file. */
public final class SourceRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SourceRows() {}

    /**
     * Reads every record; {@code bytesRead} tells how far into the file the reader is (text formats;
     * an XLSX archive is read at random and reports nothing until the end).
     */
    public static void read(
            ImportFormat format, Path file, Charset charset, Consumer<SourceRow> sink, LongConsumer bytesRead)
            throws IOException {
        if (format == ImportFormat.XLSX) {
            readXlsx(file, sink);
            bytesRead.accept(Files.size(file));
            return;
        }
        try (CountingInputStream in = new CountingInputStream(Files.newInputStream(file))) {
            Consumer<SourceRow> counted = row -> {
                sink.accept(row);
                bytesRead.accept(in.count());
            };
            if (format == ImportFormat.CSV) {
                readCsv(in, charset, counted);
            } else {
                readJsonLines(in, charset, counted);
            }
        }
    }

    /** Counts the bytes taken from a stream; reads run ahead of the record being handled by a buffer. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count += Math.max(n, 0);
            return n;
        }
    }

    private static void readCsv(InputStream in, Charset charset, Consumer<SourceRow> sink) throws IOException {
        try (CsvReader<CsvRecord> csv = CsvReader.builder()
                .detectBomHeader(true)
                .skipEmptyLines(true)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .ofCsvRecord(in, charset)) {
            Iterator<CsvRecord> records = csv.iterator();
            if (!records.hasNext()) {
                return;
            }
            List<String> header =
                    records.next().getFields().stream().map(String::trim).toList();
            while (records.hasNext()) {
                CsvRecord record = records.next();
                long number = record.getStartingLineNumber();
                if (record.getFieldCount() != header.size()) {
                    sink.accept(SourceRow.unreadable(
                            number, "has " + record.getFieldCount() + " fields but the header has " + header.size()));
                    continue;
                }
                Map<String, String> cells = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    cells.put(header.get(i), record.getField(i));
                }
                sink.accept(SourceRow.of(number, cells));
            }
        }
    }

    private static void readXlsx(Path file, Consumer<SourceRow> sink) throws IOException {
        try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile());
                Stream<Row> rows = workbook.getFirstSheet().openStream()) {
            Iterator<Row> it = rows.iterator();
            Map<Integer, String> header = null;
            while (it.hasNext()) {
                Row row = it.next();
                if (header == null) {
                    header = new HashMap<>();
                    for (Cell cell : row) {
                        if (cell != null && !cell.getText().isBlank()) {
                            header.put(cell.getColumnIndex(), cell.getText().trim());
                        }
                    }
                    continue;
                }
                Map<String, String> cells = new LinkedHashMap<>();
                for (Map.Entry<Integer, String> column : header.entrySet()) {
                    cells.put(column.getValue(), row.getCellText(column.getKey()));
                }
                if (cells.values().stream().allMatch(v -> v == null || v.isBlank())) {
                    continue;
                }
                sink.accept(SourceRow.of(row.getRowNum(), cells));
            }
        }
    }

    private static void readJsonLines(InputStream in, Charset charset, Consumer<SourceRow> sink) throws IOException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, charset))) {
            String line;
            long number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (number == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                sink.accept(parseJsonLine(number, line));
            }
        }
    }

    private static SourceRow parseJsonLine(long number, String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return SourceRow.unreadable(number, "is not valid JSON");
        }
        if (!node.isObject()) {
            return SourceRow.unreadable(number, "is not a JSON object");
        }
        Map<String, String> cells = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            cells.put(
                    field.getKey(),
                    value.isNull()
                            ? null
                            : value.isArray()
                                    ? joinArray(value)
                                    : value.isValueNode() ? value.asText() : value.toString());
        });
        return SourceRow.of(number, cells);
    }

    private static String joinArray(JsonNode array) {
        StringBuilder joined = new StringBuilder();
        array.forEach(item -> joined.append(joined.isEmpty() ? "" : ",").append(item.asText()));
        return joined.toString();
    }
}
