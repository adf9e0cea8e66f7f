/** Staff accounts ({@code staff_users}) and the failed-sign-in counters ({@code staff_sign_in_failures}). */
package io.provisio.identity.staff.persistence;
