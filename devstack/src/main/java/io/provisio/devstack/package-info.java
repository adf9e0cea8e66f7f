/** Finds the RabbitMQ and MongoDB that tests and the local run talk to (ADR 003). */
package io.provisio.devstack;
