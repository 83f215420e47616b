"""walletbot: bilingual customer-support chatbot service for digital-wallet apps."""

__version__ = "0.1.0"
