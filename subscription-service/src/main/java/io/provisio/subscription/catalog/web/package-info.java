/** GET /api/v1/plans, and the operator's PUT /api/v1/operator/plans/{code}. */
package io.provisio.subscription.catalog.web;
