package dev.lva.viz;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches AWT to headless mode before any chart class touches it. AWT reads the property once,
 * when {@code java.awt.Color} or the graphics environment is first loaded, so every public entry
 * point of this package triggers this class in its static initializer, ahead of its own AWT
 * constants. Training runs on servers without a display; without this, the first chart would
 * fail there with an {@code AWTError} about a missing X11 display.
 */
final class Headless {
    private static final Logger LOG = LoggerFactory.getLogger(Headless.class);

    static {
        // An explicit choice by the application (say, a desktop tool showing charts) wins.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
            LOG.debug("set java.awt.headless=true for chart rendering");
        }
    }

    private Headless() {}

    /** Runs the static initializer; calling it again is free. */
    static void ensure() {
        // The work happens in the static initializer, exactly once per class loader.
    }
}
