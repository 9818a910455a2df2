package dev.lva.api.plugin;

import java.util.Objects;

/**
 * A pluggable kind: its service interface and a display name for messages ("unknown regularizer").
 * The type parameters let {@link Plugins#create} return the product's type without casts.
 *
 * @param <P> the provider interface
 * @param <T> what its providers create
 */
public final class PluginKind<P extends Provider<T, ?>, T> {
    private final String displayName;
    private final Class<P> serviceType;

    private PluginKind(String displayName, Class<P> serviceType) {
        this.displayName = Objects.requireNonNull(displayName);
        this.serviceType = Objects.requireNonNull(serviceType);
    }

    /** For a provider interface with its own options type parameter (class literals cannot carry it). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <P extends Provider<T, ?>, T> PluginKind<P, T> of(String displayName, Class serviceType) {
        if (!Provider.class.isAssignableFrom(serviceType) || !serviceType.isInterface()) {
            throw new IllegalArgumentException(serviceType + " is not a provider interface");
        }
        return new PluginKind<>(displayName, (Class<P>) serviceType);
    }

    public String displayName() {
        return displayName;
    }

    /** For messages: "regularizers", "pruning policies", "losses". */
    public String plural() {
        if (displayName.endsWith("y")) {
            return displayName.substring(0, displayName.length() - 1) + "ies";
        }
        return displayName.endsWith("s") || displayName.endsWith("x") ? displayName + "es" : displayName + "s";
    }

    public Class<P> serviceType() {
        return serviceType;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
