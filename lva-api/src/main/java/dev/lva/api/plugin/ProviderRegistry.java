package dev.lva.api.plugin;

import dev.lva.api.Messages;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers of one kind found by one class loader, by name. Built once by {@link Plugins};
 * providers that fail to load are kept as {@link ProviderFailure}s and logged, the others work.
 */
public final class ProviderRegistry<P extends Provider<T, ?>, T> {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);

    private final PluginKind<P, T> kind;
    private final Map<String, P> byName = new TreeMap<>();
    private final List<ProviderFailure> failures = new ArrayList<>();

    ProviderRegistry(PluginKind<P, T> kind, ClassLoader loader) {
        this.kind = kind;
        Iterator<ServiceLoader.Provider<P>> it = ServiceLoader.load(kind.serviceType(), loader).stream().iterator();
        while (true) {
            ServiceLoader.Provider<P> handle;
            try {
                if (!it.hasNext()) {
                    break;
                }
                handle = it.next();
            } catch (ServiceConfigurationError e) {
                // a services entry whose class is missing or is not a provider: ServiceLoader moves on
                addFailure(new ProviderFailure(classNameIn(e), "unknown", rootMessage(e)));
                continue;
            }
            P provider;
            String name;
            try {
                provider = handle.get();
                name = provider.name();
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                addFailure(new ProviderFailure(handle.type().getName(), locationOf(handle.type()), rootMessage(e)));
                continue;
            }
            String unusable = unusableName(name);
            if (unusable != null) {
                // a name no spec can write (null, blank, or with a spec's separators) could never be asked for
                addFailure(new ProviderFailure(handle.type().getName(), locationOf(handle.type()), unusable));
                continue;
            }
            P previous = byName.putIfAbsent(name, provider);
            if (previous != null) {
                throw new PluginException("two " + kind + " providers are named '" + name + "': "
                        + describe(previous) + " and " + describe(provider)
                        + "; remove one of the jars or rename one provider");
            }
        }
    }

    private void addFailure(ProviderFailure failure) {
        failures.add(failure);
        LOG.warn("{} provider {} failed to load: {}", kind, failure.className(), failure.reason());
    }

    public PluginKind<P, T> kind() {
        return kind;
    }

    /** Every provider found, usable or not, sorted by name. */
    public List<P> providers() {
        return List.copyOf(byName.values());
    }

    /** Names of the providers that are available, sorted. */
    public List<String> names() {
        return byName.values().stream().filter(Provider::isAvailable).map(Provider::name)
                .collect(Collectors.toList());
    }

    public List<ProviderFailure> failures() {
        return Collections.unmodifiableList(failures);
    }

    /** The available provider with this name, or an error listing the known names. */
    public P get(String name) {
        P p = byName.get(name);
        if (p == null) {
            StringBuilder msg = new StringBuilder("unknown " + kind + " " + Messages.quote(name) + "; known " + kind.plural()
                    + ": ");
            List<String> names = names();
            msg.append(names.isEmpty() ? "(none)" : String.join(", ", names));
            if (!failures.isEmpty()) {
                msg.append("; ").append(failures.size()).append(" provider(s) failed to load: ")
                        .append(failures.stream().map(ProviderFailure::toString).collect(Collectors.joining("; ")));
            }
            throw new PluginException(msg.toString());
        }
        if (!p.isAvailable()) {
            throw new PluginException(kind + " '" + name + "' (" + describe(p) + ") is not available here");
        }
        return p;
    }

    /** Creates from a spec such as {@code volume:lambda=0.01,eta=0.01}. */
    public T create(String spec) {
        return create(PluginSpec.parse(spec));
    }

    /**
     * Creates from a parsed spec. What goes wrong inside a provider's {@code create} (an exception of its own,
     * or no object at all) is reported naming the provider, its class and its jar: a user of a plugin cannot
     * tell otherwise whose bug it is.
     */
    public T create(PluginSpec spec) {
        P provider = get(spec.name());
        T made;
        try {
            made = provider.create(spec.options());
        } catch (dev.lva.api.LvaException e) {
            throw e; // the provider's own clear refusal (its options, its requirements)
        } catch (RuntimeException | LinkageError e) {
            throw new PluginException(kind + " '" + spec.name() + "' (" + describe(provider) + ") failed to create: "
                    + rootMessage(e), e);
        }
        if (made == null) {
            throw new PluginException(kind + " '" + spec.name() + "' (" + describe(provider)
                    + ") created nothing: its create(options) returned null");
        }
        return made;
    }

    /** Why {@code name} cannot name a provider in a spec ({@code name:key=value,...}), or null when it can. */
    static String unusableName(String name) {
        if (name == null || name.isBlank()) {
            return "its name() is " + (name == null ? "null" : "blank") + "; a provider needs a name to be asked for";
        }
        for (char c : name.toCharArray()) {
            if (c == ':' || c == ',' || c == '=' || c == ';' || Character.isWhitespace(c)) {
                return "its name() " + Messages.quote(name) + " holds '" + c + "', which a spec (name:key=value,...)"
                        + " cannot hold in a name";
            }
        }
        return null;
    }

    /** Where a provider's class was loaded from (its jar or folder), for listings and messages. */
    public static String locationOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain() == null ? null : type.getProtectionDomain().getCodeSource();
        URL url = source == null ? null : source.getLocation();
        return url == null ? "unknown location" : url.toString();
    }

    private static String describe(Provider<?, ?> p) {
        return p.getClass().getName() + " from " + locationOf(p.getClass());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static String classNameIn(ServiceConfigurationError e) {
        // ServiceLoader's messages read "<service>: Provider <class> not found" and the like
        String m = String.valueOf(e.getMessage());
        int i = m.indexOf("Provider ");
        if (i >= 0) {
            String rest = m.substring(i + "Provider ".length());
            int end = rest.indexOf(' ');
            return end < 0 ? rest : rest.substring(0, end);
        }
        return m;
    }
}
