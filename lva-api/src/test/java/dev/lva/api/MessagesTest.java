package dev.lva.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.OptionsException;
import dev.lva.api.plugin.PluginSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void aHugeValueIsCutToItsStartAndItsSize() {
        String cell = "x".repeat(5_000_000);
        String shown = Messages.quote(cell);
        assertEquals("'" + "x".repeat(Messages.MAX_SHOWN) + "... (5000000 characters)'", shown);
    }

    @Test
    void shortValuesStayAsTheyAreAndControlCharactersAreEscaped() {
        assertEquals("'abc'", Messages.quote("abc"));
        assertEquals("1\\u0000x\\ny", Messages.shorten("1\0x\ny"));
        assertEquals("null", Messages.shorten(null));
    }

    record Net(double lr) {
    }

    @Test
    void optionsAndSpecsEchoAHugeValueCut() {
        String huge = "9".repeat(1_000_000) + "x";
        OptionsException e = org.junit.jupiter.api.Assertions.assertThrows(OptionsException.class,
                () -> Options.bind(new Net(1), Map.of("lr", huge), "net"));
        assertTrue(e.getMessage().length() < 200, e.getMessage().length() + " characters");
        assertTrue(e.getMessage().endsWith("... (1000001 characters)'"), e.getMessage());
        OptionsException spec = org.junit.jupiter.api.Assertions.assertThrows(OptionsException.class,
                () -> PluginSpec.parse("x:" + "a".repeat(1_000_000)));
        assertTrue(spec.getMessage().length() < 300, spec.getMessage().length() + " characters");
    }
}
