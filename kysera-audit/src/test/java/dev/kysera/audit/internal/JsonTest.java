package dev.kysera.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jooq.tools.json.JSONValue;
import org.junit.jupiter.api.Test;

/** Stored keys are looked up by their JSON text: {@link Json#write} must write exactly what jOOQ's JSONValue writes. */
class JsonTest {

    @Test
    void objects_of_normalized_values_are_written_as_json_value_writes_them() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", 42L);
        values.put("name", "Ann \"the\" <admin>/root\\ \t\n\r\b\f");
        values.put("active", true);
        values.put("deleted_at", null);
        values.put("ratio", 0.25);
        values.put("nan", Double.NaN);
        values.put("minus_infinity", Double.NEGATIVE_INFINITY);
        values.put("price", Json.normalize(new BigDecimal("12.50")));
        values.put("at", Json.normalize(LocalDateTime.of(2026, 12, 4, 20, 15, 0, 123_000)));
        values.put("small", 7);
        values.put("controls", "\u0000\u001f\u007f\u0085\u009f\u00a0\u2000\u2028\u20ff\u2100é€😀");
        assertThat(Json.write(values)).isEqualTo(JSONValue.toJSONString(values));
        assertThat(Json.write(Map.of())).isEqualTo("{}").isEqualTo(JSONValue.toJSONString(Map.of()));
    }

    @Test
    void arrays_of_column_names_are_written_as_json_value_writes_them() {
        List<String> columns = List.of("id", "e/mail", "na\"me");
        assertThat(Json.write(columns)).isEqualTo(JSONValue.toJSONString(columns)).isEqualTo("[\"id\",\"e\\/mail\",\"na\\\"me\"]");
        assertThat(Json.write(List.<String>of())).isEqualTo("[]");
    }

    @Test
    void random_texts_over_every_escaped_range_match() {
        SplittableRandom random = new SplittableRandom(20261204L);
        char[] interesting = {'"', '\\', '/', '\b', '\f', '\n', '\r', '\t', '\u0001', '\u001f', ' ', '~', '\u007f', '\u0090',
                '\u009f', '\u00a0', '\u1fff', '\u2000', '\u20ff', '\u2100', '\ud83d', '\ude00', 'a', 'Z', '0'};
        for (int sample = 0; sample < 2_000; sample++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                text.append(random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : (char) random.nextInt(0x2200));
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put(text.toString(), text.toString());
            values.put("n", (long) random.nextInt());
            List<String> list = new ArrayList<>(List.of(text.toString(), "x"));
            assertThat(Json.write(values)).isEqualTo(JSONValue.toJSONString(values));
            assertThat(Json.write(list)).isEqualTo(JSONValue.toJSONString(list));
        }
    }
}
