package io.provisio.customer.customers.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.mongodb.client.model.Sorts;
import io.provisio.customer.customers.domain.Customer;
import io.provisio.customer.customers.domain.CustomerStatus;
import io.provisio.customer.customers.domain.SearchKey;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.regex;

/** The reads of {@code customers} ({@link CustomerDocuments}): one customer, and the partner's pages of them. */
@Component
public class CustomerQueries {

    private final CustomerDocuments documents;

    CustomerQueries(MongoTemplate mongo) {
        this.documents = new CustomerDocuments(mongo);
    }

    /** The partner's customer; another partner's is absent. */
    public Optional<Customer> find(String partnerId, String customerId) {
        return documents.find(partnerId, customerId).map(CustomerDocument::customer);
    }

    /** A page of the partner's customers, by account name; every filter optional. */
    public List<Customer> list(String partnerId, CustomerStatus status, String parentId, String q, int skip,
                               int limit) {
        return documents.collection().find(filter(partnerId, status, parentId, q))
                .sort(Sorts.ascending("accountName")).skip(skip).limit(limit)
                .map(d -> documents.read(d).customer()).into(new ArrayList<>());
    }

    public long count(String partnerId, CustomerStatus status, String parentId, String q) {
        return documents.collection().countDocuments(filter(partnerId, status, parentId, q));
    }

    private static Bson filter(String partnerId, CustomerStatus status, String parentId, String q) {
        List<Bson> filters = new ArrayList<>(List.of(eq("partnerId", partnerId)));
        if (status != null) {
            filters.add(eq("status", status.name()));
        }
        if (parentId != null) {
            filters.add(eq("parentCustomerId", parentId));
        }
        if (q != null && !SearchKey.fold(q).isBlank()) {
            filters.add(regex("searchKey", Pattern.quote(SearchKey.fold(q).strip())));
        }
        return filters.size() == 1 ? filters.getFirst() : and(filters);
    }
}
