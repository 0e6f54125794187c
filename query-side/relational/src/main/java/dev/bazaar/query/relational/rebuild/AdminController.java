package dev.bazaar.query.relational.rebuild;

import dev.bazaar.query.relational.generation.AlreadyBuildingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The admin API of rebuild-contract: list the projections, rebuild one, rebuild all. */
@RestController
@RequestMapping("/admin/projections")
class AdminController {

    private final Rebuilds rebuilds;

    AdminController(Rebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @GetMapping
    ProjectionStatus.Listing list() {
        return new ProjectionStatus.Listing(rebuilds.statuses());
    }

    @PostMapping("/{name}/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ProjectionStatus rebuild(@PathVariable String name) {
        return rebuilds.rebuild(name);
    }

    @PostMapping("/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ProjectionStatus.Listing rebuildAll() {
        return new ProjectionStatus.Listing(rebuilds.rebuildAll());
    }

    @ExceptionHandler
    ProblemDetail unknown(UnknownProjectionException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail alreadyRebuilding(AlreadyBuildingException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
