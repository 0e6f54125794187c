package dev.bazaar.bench.replay.relational;

import org.springframework.data.repository.CrudRepository;

interface NaiveCustomers extends CrudRepository<NaiveCustomer, String> {
}
