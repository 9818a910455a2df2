package dev.lva.viz;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * VectorGraphics2D names clip paths after hash codes; renumbering them in order of appearance
 * makes the SVG text depend only on the drawing, so two exports of one figure diff clean.
 */
final class SvgIds {
    private static final Pattern CLIP_ID = Pattern.compile("clip(-?\\d+)");

    private SvgIds() {}

    static byte[] renumber(byte[] svg) {
        String text = new String(svg, StandardCharsets.UTF_8);
        Map<String, String> ids = new HashMap<>();
        Matcher m = CLIP_ID.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String id = ids.computeIfAbsent(m.group(1), k -> Integer.toString(ids.size() + 1));
            m.appendReplacement(out, "clip" + id);
        }
        m.appendTail(out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
