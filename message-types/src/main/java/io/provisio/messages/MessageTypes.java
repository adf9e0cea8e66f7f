package io.provisio.messages;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The messages of one sealed contract hierarchy and the names they travel under ({@code Envelope.type}, the AMQP
 * {@code type} header, outbox entries, stored replies). A message's wire name is its record's simple name, as it
 * has always been; the contracts module pins every name in a fixture, so renaming a record fails its build
 * instead of sending the messages to the dead-letter queue at run time (ADR 020).
 *
 * <p>Built from a sealed root, the registry holds every record the root permits, through any depth of sealed
 * sub-interfaces: a record added to the hierarchy is registered by being added, and a switch over the root is
 * exhaustive. Immutable and thread-safe.
 *
 * @param <M> the root of the hierarchy, e.g. {@code CustomerCommand}
 */
public final class MessageTypes<M> {

    private final Class<M> root;
    private final Map<String, Class<? extends M>> byName;
    private final Map<Class<?>, String> byClass;

    private MessageTypes(Class<M> root, Map<String, Class<? extends M>> byName) {
        this.root = root;
        this.byName = Collections.unmodifiableMap(new TreeMap<>(byName));
        Map<Class<?>, String> names = new LinkedHashMap<>();
        byName.forEach((name, type) -> names.put(type, name));
        this.byClass = Collections.unmodifiableMap(names);
    }

    /**
     * @param root a sealed interface whose permitted subtypes are records or sealed interfaces, or one record
     * @throws IllegalArgumentException when a permitted subtype is neither, or two records share a simple name
     */
    public static <M> MessageTypes<M> of(Class<M> root) {
        Map<String, Class<? extends M>> byName = new LinkedHashMap<>();
        Deque<Class<?>> open = new ArrayDeque<>();
        open.push(root);
        while (!open.isEmpty()) {
            Class<?> type = open.pop();
            if (type.isRecord()) {
                register(root, byName, type.asSubclass(root));
            } else if (type.isSealed()) {
                for (Class<?> permitted : type.getPermittedSubclasses()) {
                    open.push(permitted);
                }
            } else {
                throw new IllegalArgumentException(type.getName() + " under " + root.getSimpleName()
                        + " is neither a record nor a sealed interface");
            }
        }
        return new MessageTypes<>(root, byName);
    }

    /**
     * The messages of several hierarchies read from one channel, e.g. every participant's replies on
     * {@code saga-replies}. A switch over the result is not exhaustive by itself: switch over the parts' roots.
     *
     * @throws IllegalArgumentException when two parts use the same wire name
     */
    public static MessageTypes<Object> union(MessageTypes<?>... parts) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (MessageTypes<?> part : parts) {
            part.byName.values().forEach(type -> register(Object.class, byName, type));
        }
        return new MessageTypes<>(Object.class, byName);
    }

    private static <M> void register(Class<M> root, Map<String, Class<? extends M>> byName, Class<? extends M> type) {
        String name = type.getSimpleName();
        Class<? extends M> other = byName.putIfAbsent(name, type);
        if (other != null && other != type) {
            throw new IllegalArgumentException("wire name " + name + " is both " + other.getName() + " and "
                    + type.getName());
        }
    }

    /** The name {@code message} travels under. */
    public String nameOf(M message) {
        return nameOf(message.getClass());
    }

    /**
     * @throws IllegalArgumentException when {@code type} is not a message of this registry
     */
    public String nameOf(Class<?> type) {
        String name = byClass.get(type);
        if (name == null) {
            throw new IllegalArgumentException(type.getName() + " is not one of the " + root.getSimpleName()
                    + " messages");
        }
        return name;
    }

    /** The record a wire name stands for, or empty when this registry does not know the name. */
    public Optional<Class<? extends M>> classOf(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    public boolean knows(String name) {
        return name != null && byName.containsKey(name);
    }

    /** Every wire name with its record, sorted by name: what a contract fixture pins. */
    public Map<String, Class<? extends M>> byName() {
        return byName;
    }

    public Class<M> root() {
        return root;
    }

    @Override
    public String toString() {
        return root.getSimpleName() + byName.keySet();
    }
}
