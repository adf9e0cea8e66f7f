package io.provisio.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's entry point (bench/run.sh calls it; see bench/README.md):
 * <pre>
 *   load   --gateway URL --clients 64 --warmup 300s --duration 60s [--pid name=pid ...] [--metrics name=url ...]
 *   seed   --gateway URL --clients 96 --count 100000
 *   clone  --mongo mongodb://127.0.0.1:27017 --count 100000
 *   broker --uri amqp://guest:guest@localhost:5672 --duration 15s --in-flight 64
 * </pre>
 * Options may repeat (pid, metrics); durations are ISO-8601 or like {@code 60s}, {@code 500ms}.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: bench load|seed|clone|broker [--option value ...] (see bench/README.md)");
            System.exit(2);
        }
        Options options = Options.parse(args);
        switch (args[0]) {
            case "load" -> new LoadRun(options, false).run();
            case "seed" -> new LoadRun(options, true).run();
            case "clone" -> new StoreCloner(options).run();
            case "broker" -> new BrokerBaseline(options).run();
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    /** {@code --name value} pairs; a name may repeat. */
    record Options(Map<String, List<String>> values) {

        static Options parse(String[] args) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            for (int i = 1; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --name value at " + args[i]);
                }
                values.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[++i]);
            }
            return new Options(values);
        }

        String text(String name, String fallback) {
            List<String> all = values.get(name);
            return all == null ? fallback : all.getLast();
        }

        int number(String name, int fallback) {
            return Integer.parseInt(text(name, Integer.toString(fallback)));
        }

        Duration duration(String name, String fallback) {
            String text = text(name, fallback);
            if (text.startsWith("P")) {
                return Duration.parse(text);
            }
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(text.replace("s", "")));
        }

        /** {@code name=value} entries of a repeated option. */
        Map<String, String> pairs(String name) {
            Map<String, String> pairs = new LinkedHashMap<>();
            for (String entry : values.getOrDefault(name, List.of())) {
                int eq = entry.indexOf('=');
                pairs.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
            return pairs;
        }
    }
}
