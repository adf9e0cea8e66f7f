/** {@code /api/v1/customers/{id}/users/{uid}/services}. */
package io.provisio.subscription.user.web;
