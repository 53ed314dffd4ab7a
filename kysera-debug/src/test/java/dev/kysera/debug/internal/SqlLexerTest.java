package dev.kysera.debug.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.kysera.debug.SqlFormatter;
import java.util.SplittableRandom;
import org.jooq.SQLDialect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** On any input the lexer loses nothing and the formatter and normaliser never fail. */
class SqlLexerTest {

    private static final String[] PIECES = {"select", " ", "from", "'", "\"", "`", "[", "]", "(", ")", "?", "$1", "$$", "--", "\n",
            "/*", "*/", "\\", "in", ",", "1.5e3", "-", "and", "where", ":x", "::", "E'", "#", "values", "cast", "as"};

    @ParameterizedTest
    @EnumSource(value = SQLDialect.class, names = {"SQLITE", "H2", "POSTGRES", "MARIADB"})
    void random_input_round_trips_and_never_fails(SQLDialect dialect) {
        SplittableRandom random = new SplittableRandom(14);
        for (int run = 0; run < 2_000; run++) {
            StringBuilder sql = new StringBuilder();
            for (int i = random.nextInt(30); i >= 0; i--) {
                sql.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String text = sql.toString();
            StringBuilder back = new StringBuilder();
            SqlLexer.tokens(text, dialect).forEach(token -> back.append(token.text()));
            assertThat(back.toString()).isEqualTo(text);
            // Whatever the input, formatting, shapes and bind attribution never throw.
            assertThatCode(() -> {
                SqlFormatter.format(text, dialect);
                SqlShapes.normalise(text, dialect);
                BindColumns.of(text, dialect);
            }).as(text).doesNotThrowAnyException();
        }
    }
}
