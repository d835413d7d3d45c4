from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def charge(card):
    if not card.valid:
        logger.error("Invalid card, you failed to pass a token.")
        raise ValidationError(_("You failed to enter a valid card number."), code="invalid")
    # tonelint-disable-next-line
    messages.error(request, "Invalid input. Please try again.")
    return JsonResponse({"detail": f"Your payment of {amount} is received."})
