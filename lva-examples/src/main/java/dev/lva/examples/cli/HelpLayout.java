package dev.lva.examples.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Help whose option descriptions wrap at spaces only. picocli wraps with a line
 * {@link java.text.BreakIterator}, which also breaks after a full stop: {@code eta=0.01} came out as
 * {@code eta=0.} and {@code 01} on the next line, {@code e.g.} as {@code e.} and {@code g.}, values a
 * user copies from the help.
 */
public final class HelpLayout extends Help {

    /** Installs this help on {@code cli} and every subcommand it has now. */
    public static void install(CommandLine cli) {
        cli.setHelpFactory(HelpLayout::new);
    }

    HelpLayout(CommandSpec spec, ColorScheme scheme) {
        super(spec, scheme);
    }

    @Override
    public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals,
                                      ColorScheme scheme) {
        Layout base = super.createDefaultLayout(options, positionals, scheme);
        TextTable table = new SpaceWrappingTable(scheme, base.textTable());
        return new Layout(scheme, table, base.optionRenderer(), base.parameterRenderer());
    }

    /** A table that cuts a wrapping cell's text at spaces, into pieces that each fit, before picocli sees it. */
    static final class SpaceWrappingTable extends TextTable {
        SpaceWrappingTable(ColorScheme scheme, TextTable like) {
            super(scheme, copy(like.columns()));
            indentWrappedLines = like.indentWrappedLines;
        }

        private static Column[] copy(Column[] columns) {
            Column[] out = new Column[columns.length];
            for (int i = 0; i < columns.length; i++) {
                out[i] = new Column(columns[i].width, columns[i].indent, columns[i].overflow);
            }
            return out;
        }

        @Override
        public Cell putValue(int row, int col, Text value) {
            Column column = columns()[col];
            String plain = value == null ? "" : value.plainString();
            int room = column.width - column.indent;
            if (column.overflow != Column.Overflow.WRAP || plain.length() <= room || plain.indexOf('\n') >= 0) {
                return super.putValue(row, col, value);
            }
            String indent = " ".repeat(Math.max(0, indentWrappedLines));
            Cell cell = null;
            int start = 0;
            boolean first = true;
            while (start < plain.length()) {
                int width = first ? room : room - indent.length();
                int end = breakAt(plain, start, width);
                Text piece = value.substring(start, end);
                if (!first) {
                    row++;
                    if (row >= rowCount()) {
                        addEmptyRow();
                    }
                    piece = value.substring(0, 0).concat(indent).concat(piece);
                }
                cell = super.putValue(row, col, piece);
                start = end;
                while (start < plain.length() && plain.charAt(start) == ' ') {
                    start++;
                }
                first = false;
            }
            return cell;
        }

        /** The end of the longest piece from {@code start} that fits {@code width} and ends before a space. */
        static int breakAt(String text, int start, int width) {
            if (text.length() - start <= width) {
                return text.length();
            }
            int space = text.lastIndexOf(' ', start + width);
            if (space <= start) {
                // one word longer than the column (a long default path): cut at the edge, since a piece
                // wider than its column makes picocli's table fail (NegativeArraySizeException in
                // lva fashion --help)
                return start + Math.max(1, width);
            }
            return space;
        }
    }
}
