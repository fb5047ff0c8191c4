package com.reportresumer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.reportresumer.testsupport.UnitTest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ReportIdFile}: one ID a line, or a CSV with a {@code report_id} column; read as consumed. */
@UnitTest
class ReportIdFileTest {

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        return Files.writeString(dir.resolve("ids-" + System.nanoTime()), content, StandardCharsets.UTF_8);
    }

    private static List<String> read(Path file) throws IOException {
        try (Stream<String> ids = ReportIdFile.open(file)) {
            return ids.toList();
        }
    }

    @Test
    void plainLinesSkipBlankLinesAndCommentsAndAreStripped() throws IOException {
        Path f = file("# flagged by ops\n\nid-1\n  id-2  \n\t# indented comment\n   \nid-3\r\nnot#acomment\n");
        assertThat(read(f)).containsExactly("id-1", "id-2", "id-3", "not#acomment");
    }

    @Test
    void emptyAndCommentOnlyFilesHoldNoIds() throws IOException {
        assertThat(read(file(""))).isEmpty();
        assertThat(read(file("# nothing\n\n# yet\n"))).isEmpty();
    }

    @Test
    void aCsvIsReadByItsReportIdColumnWithRfc4180Quoting() throws IOException {
        Path f = file("""
                # exported
                reason,report_id,owner
                "stuck, since Monday",id-1,ops
                x,  id-2  ,y
                "say \"\"hi\"\"","id-3",z
                blank,,z
                """);
        assertThat(read(f)).containsExactly("id-1", "id-2", "id-3");
    }

    @Test
    void theReportIdHeaderIsFoundInAnyCaseAndAlone() throws IOException {
        assertThat(read(file("Report_ID,reason\nid-1,a\n"))).containsExactly("id-1");
        assertThat(read(file("report_id\nid-1\nid-2\n"))).containsExactly("id-1", "id-2");
        assertThat(read(file("\"report_id\"\nid-1\n"))).containsExactly("id-1");
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstIdNorOfTheHeader() throws IOException {
        assertThat(read(file("\uFEFFid-1\nid-2\n"))).containsExactly("id-1", "id-2");
        assertThat(read(file("\uFEFFreport_id,reason\nid-1,a\n"))).containsExactly("id-1");
    }

    @Test
    void aCsvHeaderWithoutAReportIdColumnIsAnErrorEvenWithoutRows() throws IOException {
        Path f = file("id,reason\n");
        assertThatThrownBy(() -> read(f)).isInstanceOf(UsageException.class)
                .hasMessage(f + " looks like a CSV but has no report_id column");
    }

    @Test
    void aCsvWithoutAReportIdColumnIsAClearError() throws IOException {
        Path f = file("id,reason\nid-1,a\n");
        assertThatThrownBy(() -> read(f)).isInstanceOf(UsageException.class)
                .hasMessage(f + " looks like a CSV but has no report_id column");
    }

    @Test
    void plainLinesAreReadAsTheyAreConsumed() throws IOException {
        // not UTF-8 at the end: only reading this far finds out
        Path f = longFile("long", "first\n", "0123456789abcdef0123456789abcdef\n", new byte[] { (byte) 0xFF, '\n' });
        try (Stream<String> ids = ReportIdFile.open(f)) {
            Iterator<String> it = ids.iterator();
            assertThat(it.next()).isEqualTo("first");
            assertThat(it.next()).isEqualTo("0123456789abcdef0123456789abcdef");
        }
        assertThatThrownBy(() -> read(f)).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void csvRowsAreReadAsTheyAreConsumed() throws IOException {
        // an unterminated quote at the end: only reading this far finds out
        Path f = longFile("long.csv", "report_id,reason\nfirst,a\n", "0123456789abcdef0123456789abcdef,b\n",
                "\"unterminated,c\n".getBytes(StandardCharsets.UTF_8));
        try (Stream<String> ids = ReportIdFile.open(f)) {
            assertThat(ids.limit(2).toList()).containsExactly("first", "0123456789abcdef0123456789abcdef");
        }
        assertThatThrownBy(() -> read(f)).isInstanceOf(RuntimeException.class);
    }

    /** {@code head}, then 30,000 times {@code line} (about 1 MB), then {@code tail}. */
    private Path longFile(String name, String head, String line, byte[] tail) throws IOException {
        Path f = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write(head.getBytes(StandardCharsets.UTF_8));
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 30_000; i++) {
                out.write(bytes);
            }
            out.write(tail);
        }
        return f;
    }
}
