/** Message contracts owned by customer: The onboarding saga's own channels and the customer participant's commands and replies. No Spring here (ADR 001). */
package io.provisio.customer.contracts;
