"""Delivering notifications: the channels (DingTalk and WeCom group robots, SMTP mail), the
delivery worker over the outbox, the daily warning digest and the calendar feed route."""
