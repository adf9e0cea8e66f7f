/**
 * The inventories as the other features use them: units taken, resized and returned per holder, and what is
 * available.
 */
package io.provisio.subscription.inventory.application;
