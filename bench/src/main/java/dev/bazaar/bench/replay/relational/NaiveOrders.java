package dev.bazaar.bench.replay.relational;

import org.springframework.data.repository.CrudRepository;

interface NaiveOrders extends CrudRepository<NaiveOrder, String> {
}
