package io.provisio.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import static com.mongodb.client.model.Filters.eq;

/**
 * Grows a store that real onboardings went through to {@code count} onboardings, for the "flat with data"
 * target, in minutes instead of the hours the saga would need at a few per second.
 *
 * <p>The COMPLETED onboardings already in the store are the template: every document of every service that names
 * one of them (its onboarding id, customer id or account name) is copied {@code count / templates - 1}
 * times. Each copy gets its own identifiers: every UUID, 64-hex digest and template account name in it
 * is replaced by one derived from the original and the copy's number, so references between the copies
 * of one onboarding stay consistent (a copied user names the copied customer) and unique indexes hold.
 * Copies keep the template's states (COMPLETED onboardings, SENT e-mails, ACTIVE subscriptions) and
 * times, so schedulers and sweepers have nothing to do with them; the data is there to be indexed, read
 * and skipped, as a grown store's would be.
 *
 * <p>Documents that belong to no onboarding (partners, clients, keys, plans, inventory) are not copied. The
 * inventory of a plan is brought to what the copies would have made of it: each copied subscription's holding
 * is added and {@code allocated}/{@code available} move by its units.
 */
final class StoreCloner {

    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern WORD_PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]*[a-z0-9]");
    private static final Pattern DIGEST_PATTERN = Pattern.compile("(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])");
    private static final JsonWriterSettings EXTENDED = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
    private static final int BATCH = 1000;

    private final String uri;
    private final long count;

    StoreCloner(Bench.Options options) {
        this.uri = options.text("mongo", "mongodb://127.0.0.1:27017");
        this.count = options.number("count", 100_000);
    }

    void run() {
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> onboardings = client.getDatabase("customers").getCollection("onboardings");
            // Only finished sagas: a copy of one in flight would be a saga without its messages, which the deadline
            // sweep would time out and compensate during the load run.
            List<Document> templates = onboardings.find(eq("status", "COMPLETED")).into(new ArrayList<>());
            if (templates.isEmpty()) {
                throw new IllegalStateException("no COMPLETED onboarding in the store to copy: seed some through the saga first");
            }
            long copies = Math.max(0, count / templates.size() - 1);
            Pattern mentions = mentionsOf(templates);
            Set<String> accounts = Set.copyOf(accountNames(templates));
            Map<String, List<String>> perCollection = templatesByCollection(client, mentions);
            System.out.printf(Locale.ROOT, "clone: %d onboardings as template, %d copies each -> %d onboardings%n",
                    templates.size(), copies, templates.size() * (copies + 1));
            perCollection.forEach((name, docs) -> System.out.printf(Locale.ROOT, "clone:   %-40s %6d per copy%n",
                    name, docs.size()));

            long begin = System.nanoTime();
            Map<String, Map<String, Integer>> holdings = new HashMap<>();
            for (var entry : perCollection.entrySet()) {
                String[] name = entry.getKey().split("\\.", 2);
                MongoCollection<Document> target = client.getDatabase(name[0]).getCollection(name[1]);
                List<Document> batch = new ArrayList<>(BATCH);
                for (long copy = 1; copy <= copies; copy++) {
                    for (String json : entry.getValue()) {
                        Document document = Document.parse(rewrite(json, copy, accounts));
                        if (entry.getKey().equals("subscriptions.subscriptions")) {
                            holdings.computeIfAbsent(document.getString("partnerId") + "/" + document.getString("planCode"),
                                    k -> new LinkedHashMap<>()).put(document.getString("_id"),
                                    document.getInteger("units", 0));
                        }
                        batch.add(document);
                        if (batch.size() == BATCH) {
                            target.insertMany(batch, new InsertManyOptions().ordered(false));
                            batch.clear();
                        }
                    }
                    if (copy % 100 == 0) {
                        System.out.printf(Locale.ROOT, "clone: %s %d of %d copies (%.0f s)%n", entry.getKey(), copy,
                                copies, (System.nanoTime() - begin) / 1e9);
                    }
                }
                if (!batch.isEmpty()) {
                    target.insertMany(batch, new InsertManyOptions().ordered(false));
                }
            }
            growInventory(client.getDatabase("subscriptions"), holdings);
            System.out.printf(Locale.ROOT, "clone: done in %.0f s; customers.onboardings holds %d%n",
                    (System.nanoTime() - begin) / 1e9, onboardings.countDocuments());
        }
    }

    /** Every document of every database that names a template onboarding, as extended JSON, per collection. */
    private static Map<String, List<String>> templatesByCollection(MongoClient client, Pattern mentions) {
        Map<String, List<String>> perCollection = new LinkedHashMap<>();
        for (String database : client.listDatabaseNames()) {
            if (List.of("admin", "local", "config").contains(database)) {
                continue;
            }
            MongoDatabase db = client.getDatabase(database);
            for (String collection : db.listCollectionNames()) {
                List<String> docs = new ArrayList<>();
                for (Document document : db.getCollection(collection).find()) {
                    String json = document.toJson(EXTENDED);
                    if (mentions.matcher(json).find()) {
                        docs.add(json);
                    }
                }
                if (!docs.isEmpty()) {
                    perCollection.put(database + "." + collection, docs);
                }
            }
        }
        return perCollection;
    }

    /** Matches any onboarding id, customer id or account name of the templates. */
    private static Pattern mentionsOf(List<Document> templates) {
        List<String> tokens = new ArrayList<>();
        for (Document onboarding : templates) {
            tokens.add(onboarding.getString("_id"));
            if (onboarding.getString("customerId") != null) {
                tokens.add(onboarding.getString("customerId"));
            }
        }
        tokens.addAll(accountNames(templates));
        return Pattern.compile(tokens.stream().map(Pattern::quote).collect(Collectors.joining("|")));
    }

    private static List<String> accountNames(List<Document> templates) {
        return templates.stream().map(d -> d.getString("accountName")).filter(a -> a != null && !a.isBlank())
                .distinct().toList();
    }

    /** The template's JSON with copy {@code copy}'s identifiers. */
    static String rewrite(String json, long copy, Set<String> accounts) {
        String out = replace(UUID_PATTERN.matcher(json), uuid -> UUID.nameUUIDFromBytes(
                (uuid + "#" + copy).getBytes(StandardCharsets.UTF_8)).toString());
        out = replace(DIGEST_PATTERN.matcher(out), digest -> sha256(digest + "#" + copy));
        // Account names are words of their own (in e-mail addresses, keys like partner/name, search keys).
        return replace(WORD_PATTERN.matcher(out), word -> accounts.contains(word) ? word + "x" + copy : word);
    }

    private static String replace(Matcher matcher, java.util.function.UnaryOperator<String> with) {
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(with.apply(matcher.group())));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * Adds the copied subscriptions' holdings (one document each in {@code inventory_holdings}, ADR 014) and moves
     * their inventory's counters, as allocating them would have.
     */
    private static void growInventory(MongoDatabase subscriptions, Map<String, Map<String, Integer>> holdings) {
        MongoCollection<Document> inventory = subscriptions.getCollection("inventory");
        MongoCollection<Document> holders = subscriptions.getCollection("inventory_holdings");
        for (var item : holdings.entrySet()) {
            List<Document> batch = new ArrayList<>(BATCH);
            int units = 0;
            for (var holding : item.getValue().entrySet()) {
                batch.add(new Document("_id", item.getKey() + "/" + holding.getKey()).append("inventoryId", item.getKey())
                        .append("key", holding.getKey()).append("units", holding.getValue()));
                units += holding.getValue();
                if (batch.size() == BATCH) {
                    holders.insertMany(batch, new InsertManyOptions().ordered(false));
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                holders.insertMany(batch, new InsertManyOptions().ordered(false));
            }
            inventory.updateOne(eq("_id", item.getKey()),
                    Updates.combine(Updates.inc("allocated", units), Updates.inc("available", -units)));
            System.out.printf(Locale.ROOT, "clone: inventory %s: %d holdings added%n", item.getKey(), item.getValue().size());
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
