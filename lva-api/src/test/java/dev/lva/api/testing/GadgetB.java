package dev.lva.api.testing;

public final class GadgetB implements WidgetProvider {
    @Override
    public String name() {
        return "gadget";
    }
}
