package dev.bazaar.query.document.rebuild;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The admin API of the rebuild contract: list the read models, rebuild one, rebuild all. */
@RestController
@RequestMapping("/admin/projections")
class ProjectionsController {

    private final ProjectionRebuilds rebuilds;

    ProjectionsController(ProjectionRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @GetMapping
    Map<String, List<ProjectionStatus>> list() {
        return Map.of("projections", rebuilds.statuses());
    }

    @PostMapping("/{name}/rebuild")
    ResponseEntity<ProjectionStatus> rebuild(@PathVariable String name) {
        return ResponseEntity.accepted().body(rebuilds.rebuild(name));
    }

    @PostMapping("/rebuild")
    ResponseEntity<Map<String, List<ProjectionStatus>>> rebuildAll() {
        return ResponseEntity.accepted().body(Map.of("projections", rebuilds.rebuildAll()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unknown(UnknownProjectionException e) {
        return problem(HttpStatus.NOT_FOUND, "Unknown projection", e);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> busy(AlreadyRebuildingException e) {
        return problem(HttpStatus.CONFLICT, "Already rebuilding", e);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle(title);
        problem.setType(URI.create("about:blank"));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
