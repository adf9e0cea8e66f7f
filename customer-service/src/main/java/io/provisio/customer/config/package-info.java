/** customer-service wiring that belongs to no single feature. */
package io.provisio.customer.config;
