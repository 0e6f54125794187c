package dev.bazaar.bench.replay.document;

import org.springframework.data.mongodb.repository.MongoRepository;

interface NaiveReviews extends MongoRepository<NaiveReview, String> {
}
