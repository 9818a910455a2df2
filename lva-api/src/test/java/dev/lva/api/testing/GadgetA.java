package dev.lva.api.testing;

public final class GadgetA implements WidgetProvider {
    @Override
    public String name() {
        return "gadget";
    }
}
