package dev.bazaar.query.relational.ordering;

import dev.bazaar.api.ordering.OrderStatus;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface OrderRows extends JpaRepository<OrderRow, String> {

    Page<OrderRow> findByCustomerId(String customerId, Pageable page);

    Page<OrderRow> findByCustomerIdAndStatus(String customerId, OrderStatus status, Pageable page);
}
