package dev.bazaar.query.document.catalog;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import dev.bazaar.api.catalog.ProductSort;
import dev.bazaar.api.catalog.SearchProducts;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * A {@link SearchProducts} as a MongoDB query. Text matches a case-insensitive substring of the name
 * or the description (taken literally, never as a pattern); each attribute must be present with
 * exactly that value; the price bounds are inclusive. Every sort ends on the id, so pages are stable.
 */
final class ProductSearch {

    private ProductSearch() {
    }

    /** The matching products, without paging or sort: for counting them. */
    static Query matching(SearchProducts search) {
        List<Criteria> criteria = new ArrayList<>();
        if (search.text() != null && !search.text().isBlank()) {
            String literal = Pattern.quote(search.text().strip());
            criteria.add(new Criteria().orOperator(
                    where(ProductStore.NAME).regex(literal, "i"),
                    where(ProductStore.DESCRIPTION).regex(literal, "i")));
        }
        search.attributes().forEach((name, value) -> criteria.add(
                where(ProductStore.ATTRIBUTES).elemMatch(where("name").is(name).and("value").is(value))));
        if (search.minPriceMinor() != null || search.maxPriceMinor() != null) {
            Criteria price = where(ProductStore.PRICE_MINOR);
            if (search.minPriceMinor() != null) {
                price.gte(search.minPriceMinor());
            }
            if (search.maxPriceMinor() != null) {
                price.lte(search.maxPriceMinor());
            }
            criteria.add(price);
        }
        return criteria.isEmpty() ? new Query() : new Query(new Criteria().andOperator(criteria));
    }

    /** One page of the matching products, in the requested order, and the product after it if there is one. */
    static Query pageAndOneMore(SearchProducts search) {
        return matching(search).with(sortOf(search.sort()))
                .skip(search.page().offset())
                .limit(search.page().size() + 1);
    }

    static Sort sortOf(ProductSort sort) {
        Sort order = switch (sort) {
            case NAME -> Sort.by(Sort.Order.asc(ProductStore.SORT_NAME));
            case PRICE_ASC -> Sort.by(Sort.Order.asc(ProductStore.PRICE_MINOR));
            case PRICE_DESC -> Sort.by(Sort.Order.desc(ProductStore.PRICE_MINOR));
            case RATING_DESC -> topRated();
        };
        return order.and(Sort.by(Sort.Order.asc("_id")));
    }

    static Sort topRated() {
        return Sort.by(Sort.Order.desc(ProductStore.RATING_AVERAGE), Sort.Order.desc(ProductStore.RATING_COUNT));
    }
}
