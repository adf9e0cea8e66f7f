package io.provisio.customer.onboarding.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.provisio.customer.onboarding.application.AccountNameTakenException;
import io.provisio.customer.onboarding.application.IdempotencyKey;
import io.provisio.customer.onboarding.application.OnboardingRepository;
import io.provisio.customer.onboarding.application.OnboardingSummary;
import io.provisio.customer.onboarding.application.OperatorOnboarding;
import io.provisio.customer.onboarding.domain.Onboarding;
import io.provisio.customer.onboarding.domain.OnboardingRequest;
import io.provisio.customer.onboarding.domain.OnboardingStatus;
import io.provisio.customer.onboarding.domain.SagaCommand;
import io.provisio.customer.onboarding.domain.SagaOutcome;
import io.provisio.customer.onboarding.domain.StepStatus;
import io.provisio.customer.onboarding.messaging.ParticipantCommands;
import io.provisio.customer.onboarding.messaging.SagaMessages;
import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.customer.contracts.CustomerMessages;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.mongo.MongoMapping;
import io.provisio.platform.mongo.MongoWrites;
import io.provisio.platform.outbox.OutboxStore;
import io.provisio.platform.outbox.OutgoingMessage;
import io.provisio.platform.web.PageQuery;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.elemMatch;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

/**
 * One document per onboarding in {@code onboardings}. The account name is reserved by a sparse
 * unique index on {@code accountNameKey} ({@code partnerId/accountName}), set while the onboarding
 * is live or completed and removed when it fails, so a compensated onboarding frees its name.
 * Documents are mapped by Spring Data from {@link OnboardingDocument}, field for field as stored, besides the request
 * (kept as its JSON); every saga step is one write of the document with its outbox entries, over the version read.
 */
@Repository
class MongoOnboardingRepository implements OnboardingRepository {

    /** Only in-flight onboardings have running steps or a deadline; the status index finds them. */
    private static final Bson IN_FLIGHT = in("status", OnboardingStatus.IN_PROGRESS.name(),
            OnboardingStatus.COMPENSATING.name());

    static final String COLLECTION = "onboardings";

    /** Written and read by Jackson, not mapped: {@link #document(Onboarding, String, String)}. */
    private static final String REQUEST = "request";
    private static final Bson ID = Projections.include("_id");

    private final MongoTemplate mongo;
    private final MongoMapping mapping;
    private final OutboxStore outbox;
    private final MessageCodec codec;
    private final JsonMapper json;

    MongoOnboardingRepository(MongoTemplate mongo, OutboxStore outbox, MessageCodec codec, JsonMapper json) {
        this.mongo = mongo;
        this.mapping = new MongoMapping(mongo.getConverter());
        this.outbox = outbox;
        this.codec = codec;
        this.json = json;
        collection().createIndex(Indexes.ascending("accountNameKey"),
                new IndexOptions().unique(true).sparse(true).name("account_name_reservation"));
        // One onboarding per partner and Idempotency-Key, even under concurrent requests.
        collection().createIndex(Indexes.ascending("idempotencyKey"),
                new IndexOptions().unique(true).sparse(true).name("idempotency_key"));
        // Non-unique: used by MongoDB, ignored by the embedded store (which scans).
        collection().createIndex(Indexes.ascending("deadline"), new IndexOptions().name("deadline"));
        collection().createIndex(Indexes.ascending("partnerId", "createdAt"), new IndexOptions().name("partner_list"));
        // The in-flight and stuck gauges count by status.
        collection().createIndex(Indexes.ascending("status"), new IndexOptions().name("status"));
        // The operator's list across partners: by status, the longest unchanged first.
        collection().createIndex(Indexes.ascending("status", "updatedAt"), new IndexOptions().name("status_updated"));
    }

    @Override
    public void insert(Onboarding onboarding, List<SagaCommand> commands, IdempotencyKey idempotencyKey) {
        Document document = idempotencyKey == null ? document(onboarding, null, null) : document(onboarding,
                onboarding.partnerId() + "/" + idempotencyKey.key(), idempotencyKey.requestDigest());
        try {
            outbox.insert(COLLECTION, document, messages(onboarding, commands));
        } catch (RuntimeException e) {
            if (MongoWrites.isDuplicateKey(e)) {
                throw new AccountNameTakenException(onboarding.accountName());
            }
            throw e;
        }
    }

    @Override
    public Optional<KeyedOnboarding> findByIdempotencyKey(String partnerId, String key) {
        return Optional.ofNullable(collection().find(eq("idempotencyKey", partnerId + "/" + key)).first())
                .map(d -> {
                    OnboardingDocument stored = read(d);
                    return new KeyedOnboarding(onboarding(stored, d), stored.requestDigest());
                });
    }

    @Override
    public boolean update(Onboarding onboarding, List<SagaCommand> commands, List<SagaOutcome> announcements) {
        // A failed onboarding frees its account name in the same write that marks it FAILED.
        List<String> unset = onboarding.status() == OnboardingStatus.FAILED ? List.of("accountNameKey") : List.of();
        List<OutgoingMessage> messages = new ArrayList<>(messages(onboarding, commands));
        announcements.stream().map(ParticipantCommands::eventOf).forEach(event -> messages.add(
                OutgoingMessage.toSubscribers(CustomerChannels.EVENTS, codec.event(CustomerMessages.EVENTS.nameOf(
                        event.getClass()), onboarding.partnerId(), onboarding.traceparent(), event))));
        return outbox.update(COLLECTION, onboarding.id(), onboarding.version(), document(onboarding, null, null), unset,
                messages);
    }

    @Override
    public Optional<Onboarding> find(String id) {
        return Optional.ofNullable(collection().find(eq("_id", id)).first()).map(this::onboarding);
    }

    @Override
    public Optional<Onboarding> find(String partnerId, String id) {
        return Optional.ofNullable(collection().find(and(eq("_id", id), eq("partnerId", partnerId))).first())
                .map(this::onboarding);
    }

    @Override
    public Optional<OnboardingSummary> summary(String partnerId, String id) {
        return Optional.ofNullable(collection().find(and(eq("_id", id), eq("partnerId", partnerId)))
                .projection(SUMMARY).first()).map(this::summary);
    }

    @Override
    public List<OnboardingSummary> list(String partnerId, OnboardingStatus status, int page, int size) {
        return collection().find(filter(partnerId, status))
                .projection(SUMMARY)
                .sort(Sorts.descending("createdAt"))
                .skip(PageQuery.skip(page, size)).limit(size)
                .map(this::summary).into(new ArrayList<>());
    }

    @Override
    public long count(String partnerId, OnboardingStatus status) {
        return collection().countDocuments(filter(partnerId, status));
    }

    @Override
    public List<String> overdueIds(Instant now, int limit) {
        return collection().find(lt("deadline", Date.from(now))).projection(ID)
                .sort(Sorts.ascending("deadline")).limit(limit)
                .map(d -> d.getString("_id")).into(new ArrayList<>());
    }

    @Override
    public List<OperatorOnboarding> acrossPartners(Set<OnboardingStatus> statuses, Instant unchangedSince, int page,
                                                   int size) {
        return collection().find(operatorFilter(statuses, unchangedSince))
                .projection(Projections.fields(SUMMARY, Projections.include("partnerId")))
                .sort(Sorts.ascending("updatedAt"))
                .skip(PageQuery.skip(page, size)).limit(size)
                .map(d -> {
                    OnboardingDocument stored = read(d);
                    return new OperatorOnboarding(stored.partnerId(), stored.summary(giveUpWritten(d)));
                }).into(new ArrayList<>());
    }

    @Override
    public long countAcrossPartners(Set<OnboardingStatus> statuses, Instant unchangedSince) {
        return collection().countDocuments(operatorFilter(statuses, unchangedSince));
    }

    private static Bson operatorFilter(Set<OnboardingStatus> statuses, Instant unchangedSince) {
        Bson status = in("status", statuses.stream().map(Enum::name).toList());
        return unchangedSince == null ? status : and(status, lt("updatedAt", Date.from(unchangedSince)));
    }

    /**
     * The gauges' counts, read on every scrape, so both are served by an index and read only sagas in flight,
     * however many onboardings the store holds: ids through the {@code status} and {@code deadline} indexes
     * rather than a count (which the embedded store runs over every document) or an {@code $or} with a clause no
     * index serves (a collection scan on MongoDB too; at 100 000 onboardings it saturated the bench's store).
     */
    @Override
    public long countInFlight() {
        return idsOf(IN_FLIGHT).size();
    }

    @Override
    public long countStuck(Instant overdueSince, int attempts) {
        Set<String> stuck = idsOf(lt("deadline", Date.from(overdueSince)));
        stuck.addAll(idsOf(and(IN_FLIGHT, elemMatch("steps", and(in("status", StepStatus.RUNNING.name(),
                StepStatus.COMPENSATING.name()), gte("attempts", attempts))))));
        return stuck.size();
    }

    private Set<String> idsOf(Bson filter) {
        return collection().find(filter).projection(ID).map(d -> d.getString("_id"))
                .into(new HashSet<>());
    }

    private static Bson filter(String partnerId, OnboardingStatus status) {
        return status == null ? eq("partnerId", partnerId)
                : and(eq("partnerId", partnerId), eq("status", status.name()));
    }

    private List<OutgoingMessage> messages(Onboarding onboarding, List<SagaCommand> commands) {
        return commands.stream().map(command -> {
            ParticipantCommands.WireCommand wire = ParticipantCommands.of(onboarding, command);
            Envelope envelope = codec.command(SagaMessages.COMMANDS, onboarding.id(), command.step().name(),
                    onboarding.partnerId(), CustomerChannels.SAGA_REPLIES, onboarding.traceparent(),
                    wire.payload());
            return OutgoingMessage.toConsumer(wire.channel(), envelope);
        }).toList();
    }

    @Override
    public Map<String, OnboardingStatus> statuses(String partnerId, Collection<String> ids) {
        Map<String, OnboardingStatus> statuses = new HashMap<>();
        if (!ids.isEmpty()) {
            // By _id: served by the primary key, also on the embedded store.
            collection().find(and(in("_id", ids), eq("partnerId", partnerId))).projection(Projections.include("status"))
                    .map(this::read).forEach(d -> statuses.put(d.id(), d.status()));
        }
        return statuses;
    }

    @Override
    public boolean accountNameInUse(String partnerId, String accountName) {
        return collection().find(eq("accountNameKey", partnerId + "/" + accountName)).first() != null;
    }

    /**
     * The onboarding as stored, mapped once per write. The request is kept as the JSON it always was, put in as a
     * document of its own: mapped field by field it would cost the converter a walk over the whole request on every
     * step, for the same stored value.
     */
    private Document document(Onboarding o, String idempotencyKey, String requestDigest) {
        Document document = mapping.document(OnboardingDocument.of(o, idempotencyKey, requestDigest));
        document.put(REQUEST, Document.parse(json.writeValueAsString(o.request())));
        return document;
    }

    /** The fields an {@link OnboardingSummary} needs: not the request, the outbox or the administrator's account. */
    private static final Bson SUMMARY = Projections.include("status", "customerId", "accountName", "steps", "failure",
            "traceparent", "createdAt", "updatedAt");

    private OnboardingSummary summary(Document d) {
        return read(d).summary(giveUpWritten(d));
    }

    private Onboarding onboarding(Document d) {
        return onboarding(read(d), d);
    }

    private Onboarding onboarding(OnboardingDocument stored, Document d) {
        return stored.onboarding(json.readValue(d.get(REQUEST, Document.class).toJson(), OnboardingRequest.class),
                giveUpWritten(d));
    }

    private OnboardingDocument read(Document d) {
        return mapping.read(OnboardingDocument.class, d);
    }

    /** Per step, whether it holds {@code giveUpAt}: the mapped step cannot tell an absent one from a {@code null}. */
    private static List<Boolean> giveUpWritten(Document d) {
        return d.getList("steps", Document.class).stream().map(s -> s.containsKey("giveUpAt")).toList();
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
