package dev.bazaar.query.relational.customer;

import org.springframework.data.jpa.repository.JpaRepository;

interface CustomerRows extends JpaRepository<CustomerRow, String> {
}
