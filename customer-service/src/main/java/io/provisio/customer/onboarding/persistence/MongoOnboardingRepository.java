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
import com.mongodb.client.model.Sorts;
import io.provisio.customer.onboarding.application.AccountNameTakenException;
import io.provisio.customer.onboarding.application.IdempotencyKey;
import io.provisio.customer.onboarding.application.OnboardingRepository;
import io.provisio.customer.onboarding.application.OnboardingSummary;
import io.provisio.customer.onboarding.application.OperatorOnboarding;
import io.provisio.customer.onboarding.domain.AdministratorAccount;
import io.provisio.customer.onboarding.domain.Failure;
import io.provisio.customer.onboarding.domain.Onboarding;
import io.provisio.customer.onboarding.domain.OnboardingRequest;
import io.provisio.customer.onboarding.domain.OnboardingStatus;
import io.provisio.customer.onboarding.domain.SagaCommand;
import io.provisio.customer.onboarding.domain.SagaOutcome;
import io.provisio.customer.onboarding.domain.Step;
import io.provisio.customer.onboarding.domain.StepError;
import io.provisio.customer.onboarding.domain.StepState;
import io.provisio.customer.onboarding.domain.StepStatus;
import io.provisio.customer.onboarding.messaging.ParticipantCommands;
import io.provisio.customer.onboarding.messaging.SagaMessages;
import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.customer.contracts.CustomerMessages;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MessageCodec;
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
 */
@Repository
class MongoOnboardingRepository implements OnboardingRepository {

    /** Only in-flight onboardings have running steps or a deadline; the status index finds them. */
    private static final Bson IN_FLIGHT = in("status", OnboardingStatus.IN_PROGRESS.name(),
            OnboardingStatus.COMPENSATING.name());

    static final String COLLECTION = "onboardings";

    private final MongoTemplate mongo;
    private final OutboxStore outbox;
    private final MessageCodec codec;
    private final JsonMapper json;

    MongoOnboardingRepository(MongoTemplate mongo, OutboxStore outbox, MessageCodec codec, JsonMapper json) {
        this.mongo = mongo;
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
        Document document = toDocument(onboarding);
        if (idempotencyKey != null) {
            document.append("idempotencyKey", onboarding.partnerId() + "/" + idempotencyKey.key())
                    .append("requestDigest", idempotencyKey.requestDigest());
        }
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
                .map(d -> new KeyedOnboarding(fromDocument(d), d.getString("requestDigest")));
    }

    @Override
    public boolean update(Onboarding onboarding, List<SagaCommand> commands, List<SagaOutcome> announcements) {
        // A failed onboarding frees its account name in the same write that marks it FAILED.
        List<String> unset = onboarding.status() == OnboardingStatus.FAILED ? List.of("accountNameKey") : List.of();
        List<OutgoingMessage> messages = new ArrayList<>(messages(onboarding, commands));
        announcements.stream().map(ParticipantCommands::eventOf).forEach(event -> messages.add(
                OutgoingMessage.toSubscribers(CustomerChannels.EVENTS, codec.event(CustomerMessages.EVENTS.nameOf(
                        event.getClass()), onboarding.partnerId(), onboarding.traceparent(), event))));
        return outbox.update(COLLECTION, onboarding.id(), onboarding.version(), toDocument(onboarding), unset,
                messages);
    }

    @Override
    public Optional<Onboarding> find(String id) {
        return Optional.ofNullable(collection().find(eq("_id", id)).first()).map(this::fromDocument);
    }

    @Override
    public Optional<Onboarding> find(String partnerId, String id) {
        return Optional.ofNullable(collection().find(and(eq("_id", id), eq("partnerId", partnerId))).first())
                .map(this::fromDocument);
    }

    @Override
    public Optional<OnboardingSummary> summary(String partnerId, String id) {
        return Optional.ofNullable(collection().find(and(eq("_id", id), eq("partnerId", partnerId)))
                .projection(SUMMARY).first()).map(MongoOnboardingRepository::toSummary);
    }

    @Override
    public List<OnboardingSummary> list(String partnerId, OnboardingStatus status, int page, int size) {
        return collection().find(filter(partnerId, status))
                .projection(SUMMARY)
                .sort(Sorts.descending("createdAt"))
                .skip(PageQuery.skip(page, size)).limit(size)
                .map(MongoOnboardingRepository::toSummary).into(new ArrayList<>());
    }

    @Override
    public long count(String partnerId, OnboardingStatus status) {
        return collection().countDocuments(filter(partnerId, status));
    }

    @Override
    public List<String> overdueIds(Instant now, int limit) {
        return collection().find(lt("deadline", Date.from(now))).projection(new Document("_id", 1))
                .sort(Sorts.ascending("deadline")).limit(limit)
                .map(d -> d.getString("_id")).into(new ArrayList<>());
    }

    @Override
    public List<OperatorOnboarding> acrossPartners(Set<OnboardingStatus> statuses, Instant unchangedSince, int page,
                                                   int size) {
        return collection().find(operatorFilter(statuses, unchangedSince))
                .projection(new Document(SUMMARY).append("partnerId", 1))
                .sort(Sorts.ascending("updatedAt"))
                .skip(PageQuery.skip(page, size)).limit(size)
                .map(d -> new OperatorOnboarding(d.getString("partnerId"), toSummary(d))).into(new ArrayList<>());
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
        return collection().find(filter).projection(new Document("_id", 1)).map(d -> d.getString("_id"))
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
            collection().find(and(in("_id", ids), eq("partnerId", partnerId))).projection(new Document("status", 1))
                    .forEach(d -> statuses.put(d.getString("_id"), OnboardingStatus.valueOf(d.getString("status"))));
        }
        return statuses;
    }

    @Override
    public boolean accountNameInUse(String partnerId, String accountName) {
        return collection().find(eq("accountNameKey", partnerId + "/" + accountName)).first() != null;
    }

    private Document toDocument(Onboarding o) {
        Document document = new Document("_id", o.id())
                .append("partnerId", o.partnerId())
                .append("customerId", o.customerId())
                .append("accountName", o.accountName())
                .append("status", o.status().name())
                .append("traceparent", o.traceparent())
                .append("request", Document.parse(json.writeValueAsString(o.request())))
                .append("steps", o.steps().stream().map(MongoOnboardingRepository::step).toList())
                .append("failure", o.failure() == null ? null : new Document("step", o.failure().step().name())
                        .append("code", o.failure().code()).append("message", o.failure().message()))
                .append("administratorAccount", account(o.administrator()))
                .append("deadline", date(o.deadline()))
                .append("createdAt", date(o.createdAt()))
                .append("updatedAt", date(o.updatedAt()));
        if (o.status() != OnboardingStatus.FAILED) {
            document.append("accountNameKey", o.partnerId() + "/" + o.accountName());
        }
        return document;
    }

    private static Document step(StepState s) {
        return new Document("step", s.step().name())
                .append("status", s.status().name())
                .append("startedAt", date(s.startedAt()))
                .append("finishedAt", date(s.finishedAt()))
                .append("error", s.error() == null ? null
                        : new Document("code", s.error().code()).append("message", s.error().message()))
                .append("deadline", date(s.deadline()))
                .append("giveUpAt", date(s.giveUpAt()))
                .append("attempts", s.attempts());
    }

    /** The fields an {@link OnboardingSummary} needs: not the request, the outbox or the administrator's account. */
    private static final Document SUMMARY = new Document("status", 1).append("customerId", 1)
            .append("accountName", 1).append("steps", 1).append("failure", 1).append("traceparent", 1)
            .append("createdAt", 1).append("updatedAt", 1);

    private static OnboardingSummary toSummary(Document d) {
        return new OnboardingSummary(d.getString("_id"), OnboardingStatus.valueOf(d.getString("status")),
                d.getString("customerId"), d.getString("accountName"),
                d.getList("steps", Document.class).stream().map(MongoOnboardingRepository::stepState).toList(),
                failure(d), Onboarding.traceIdOf(d.getString("traceparent")),
                instant(d.getDate("createdAt")), instant(d.getDate("updatedAt")));
    }

    private static Failure failure(Document d) {
        Document failure = d.get("failure", Document.class);
        return failure == null ? null : new Failure(Step.valueOf(failure.getString("step")),
                failure.getString("code"), failure.getString("message"));
    }

    private Onboarding fromDocument(Document d) {
        return new Onboarding(
                d.getString("_id"),
                d.getString("partnerId"),
                d.getString("customerId"),
                d.getString("traceparent"),
                json.readValue(d.get("request", Document.class).toJson(), OnboardingRequest.class),
                OnboardingStatus.valueOf(d.getString("status")),
                d.getList("steps", Document.class).stream().map(MongoOnboardingRepository::stepState).toList(),
                failure(d),
                account(d),
                instant(d.getDate("createdAt")),
                instant(d.getDate("updatedAt")),
                ((Number) d.get("version")).longValue());
    }

    /** The token is kept only while the saga needs it (see {@link AdministratorAccount}). */
    private static Document account(AdministratorAccount a) {
        return a == null ? null : new Document("userId", a.userId()).append("upn", a.upn())
                .append("activationRequired", a.activationRequired())
                .append("activationToken", a.activationToken())
                .append("activationExpiresAt", date(a.activationExpiresAt()));
    }

    private static AdministratorAccount account(Document onboarding) {
        Document a = onboarding.get("administratorAccount", Document.class);
        if (a == null) {
            // Written before the account was kept: only the flag is known.
            return Boolean.TRUE.equals(onboarding.getBoolean("activationRequired"))
                    ? new AdministratorAccount(null, null, true, null, null) : null;
        }
        return new AdministratorAccount(a.getString("userId"), a.getString("upn"), Boolean.TRUE.equals(a.getBoolean("activationRequired")),
                a.getString("activationToken"), instant(a.getDate("activationExpiresAt")));
    }

    private static StepState stepState(Document s) {
        Document error = s.get("error", Document.class);
        StepStatus status = StepStatus.valueOf(s.getString("status"));
        Instant deadline = instant(s.getDate("deadline"));
        // Written before steps were sent again: a running step's one deadline was its giving up.
        Instant giveUpAt = s.containsKey("giveUpAt") || status != StepStatus.RUNNING
                ? instant(s.getDate("giveUpAt")) : deadline;
        return new StepState(Step.valueOf(s.getString("step")), status,
                instant(s.getDate("startedAt")), instant(s.getDate("finishedAt")),
                error == null ? null : new StepError(error.getString("code"), error.getString("message")),
                deadline, giveUpAt, s.getInteger("attempts", 0));
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
