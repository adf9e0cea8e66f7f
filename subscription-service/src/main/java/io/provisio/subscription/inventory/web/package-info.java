/** GET /api/v1/inventory (the calling partner's), and the operator's PUT of what a partner bought. */
package io.provisio.subscription.inventory.web;
