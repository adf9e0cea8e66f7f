/** customer-service: see its README. */
package io.provisio.customer;
