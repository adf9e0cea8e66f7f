/** Runs the saga: feeds it starts, replies and deadlines, and stores each decision atomically. */
package io.provisio.customer.onboarding.application;
