/** The catalogue as the other features use it: plans by code and the plan-list rules against today's catalogue. */
package io.provisio.subscription.catalog.application;
