package dev.bazaar.api.reviews;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveReview(@TargetAggregateIdentifier ReviewId reviewId, String reason) {
}
