package dev.lva.api.testing;

public final class Gizmo implements WidgetProvider {
    @Override
    public String name() {
        return "gizmo";
    }
}
