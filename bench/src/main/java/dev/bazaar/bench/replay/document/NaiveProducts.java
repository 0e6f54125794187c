package dev.bazaar.bench.replay.document;

import org.springframework.data.mongodb.repository.MongoRepository;

interface NaiveProducts extends MongoRepository<NaiveProduct, String> {
}
