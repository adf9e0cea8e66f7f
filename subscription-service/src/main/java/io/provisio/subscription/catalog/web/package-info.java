/** GET /api/v1/plans. */
package io.provisio.subscription.catalog.web;
