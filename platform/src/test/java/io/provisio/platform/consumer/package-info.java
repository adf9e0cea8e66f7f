/** A test application with two consumer bindings whose store the tests can take away, and faults they inject. */
package io.provisio.platform.consumer;
