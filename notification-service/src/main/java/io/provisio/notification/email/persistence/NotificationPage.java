package io.provisio.notification.email.persistence;

import java.util.List;

import io.provisio.notification.email.domain.Notification;

/** One page of a customer's notifications and how many there are in all. */
public record NotificationPage(List<Notification> items, long total) {
}
