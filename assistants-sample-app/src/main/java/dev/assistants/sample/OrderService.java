package dev.assistants.sample;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Service;

/**
 * The shop's orders: what the assistant's function looks up.
 */
@Service
public class OrderService {

	private static final Log logger = LogFactory.getLog(OrderService.class);

	private final Map<String, String> statuses = Map.of("42", "shipped on 2026-11-24, arriving tomorrow", "7",
			"being packed", "1001", "delivered");

	/**
	 * The status of an order.
	 * @param orderId the order's ID
	 * @return its status, or a note that there is no such order
	 */
	public String status(String orderId) {
		String status = this.statuses.getOrDefault(orderId, "unknown: there is no order " + orderId);
		logger.info("Tool call order_status(" + orderId + ") -> " + status);
		return "Order " + orderId + ": " + status;
	}

}
