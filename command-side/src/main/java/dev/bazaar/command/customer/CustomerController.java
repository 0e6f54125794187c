package dev.bazaar.command.customer;

import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.customer.DeactivateCustomer;
import dev.bazaar.api.customer.Email;
import dev.bazaar.api.customer.RegisterCustomer;
import dev.bazaar.api.customer.UpdateCustomerProfile;
import dev.bazaar.command.web.Commands;
import dev.bazaar.command.web.Ids;
import dev.bazaar.command.web.Versioned;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Registers customers, updates their profiles and deactivates them. */
@RestController
@RequestMapping(path = "/api/customers", produces = MediaType.APPLICATION_JSON_VALUE)
class CustomerController {

    private final Commands commands;

    CustomerController(Commands commands) {
        this.commands = commands;
    }

    /** @param id the id the client chose (so a retried registration answers 409), or none for a generated one */
    record Registration(@Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                        @NotBlank @Size(max = Customer.MAX_NAME_LENGTH) String name,
                        @NotBlank @Size(max = Email.MAX_LENGTH) @jakarta.validation.constraints.Email String email) {
    }

    record Profile(@NotBlank @Size(max = Customer.MAX_NAME_LENGTH) String name,
                   @NotBlank @Size(max = Email.MAX_LENGTH) @jakarta.validation.constraints.Email String email) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Versioned> register(@Valid @RequestBody Registration body) {
        CustomerId id = body.id() == null ? CustomerId.random() : CustomerId.of(body.id());
        Versioned created = commands.create(id, new RegisterCustomer(id, body.name(), Email.of(body.email())));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(id.toString()))
                .body(created);
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Versioned updateProfile(@PathVariable String id, @Valid @RequestBody Profile body) {
        CustomerId customerId = CustomerId.of(id);
        return commands.change(customerId, new UpdateCustomerProfile(customerId, body.name(), Email.of(body.email())));
    }

    @PostMapping("/{id}/deactivate")
    Versioned deactivate(@PathVariable String id) {
        CustomerId customerId = CustomerId.of(id);
        return commands.change(customerId, new DeactivateCustomer(customerId));
    }
}
