/** GET /api/v1/inventory: the calling partner's inventory. */
package io.provisio.subscription.inventory.web;
