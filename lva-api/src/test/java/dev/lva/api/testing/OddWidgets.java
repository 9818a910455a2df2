package dev.lva.api.testing;

/**
 * Widget providers that go wrong the ways a third-party plugin can: a name no spec can write, a create that
 * throws or returns nothing. Listed only in the services files PluginsTest writes.
 */
public final class OddWidgets {
    private OddWidgets() {
    }

    public static final class NullName implements WidgetProvider {
        @Override
        public String name() {
            return null;
        }
    }

    public static final class ColonName implements WidgetProvider {
        @Override
        public String name() {
            return "odd:name";
        }
    }

    public static final class BlankName implements WidgetProvider {
        @Override
        public String name() {
            return " ";
        }
    }

    public static final class Throwing implements WidgetProvider {
        @Override
        public String name() {
            return "throwing";
        }

        @Override
        public String create(NoOptions options) {
            throw new IllegalStateException("the plugin's own bug");
        }
    }

    public static final class Nothing implements WidgetProvider {
        @Override
        public String name() {
            return "nothing";
        }

        @Override
        public String create(NoOptions options) {
            return null;
        }
    }
}
