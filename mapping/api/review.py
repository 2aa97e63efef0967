"""The review conversation and the audit timeline of a response, in the API."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response as ApiResponse
from rest_framework.views import APIView

from mapping import permissions, selectors, timeline
from mapping.models import ReviewComment
from mapping.serializers import (
    ReplyCommentSerializer,
    ReplyInputSerializer,
    ResolveInputSerializer,
    ReviewThreadSerializer,
    TimelineEntrySerializer,
)
from mapping.services import review as review_services
from saphire.schema import may_answer


def _response(request, pk):
    return get_object_or_404(selectors.response_list(user=request.user), pk=pk)


def _thread(response, comment_pk) -> ReviewComment:
    try:
        return selectors.response_thread(response=response, pk=comment_pk)
    except ReviewComment.DoesNotExist:
        raise NotFound("No such comment on this response.") from None


class ResponseCommentsView(APIView):
    """The response's review threads, general ones first, each with its replies."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=ReviewThreadSerializer(many=True))
    def get(self, request, pk):
        response = _response(request, pk)
        threads = selectors.response_comments(response=response)
        ordered = threads.pop(None, []) + [t for group in threads.values() for t in group]
        return ApiResponse(ReviewThreadSerializer(ordered, many=True).data)


class CommentReplyView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=ReplyInputSerializer, responses={201: ReplyCommentSerializer})
    @may_answer(400, 403)
    def post(self, request, pk, comment_pk):
        response = _response(request, pk)
        thread = _thread(response, comment_pk)
        if not permissions.can_reply_to_comments(request.user, response):
            raise PermissionDenied
        payload = ReplyInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        reply = review_services.comment_reply(thread=thread, text=payload.validated_data["text"], by=request.user)
        return ApiResponse(ReplyCommentSerializer(reply).data, status=status.HTTP_201_CREATED)


class CommentResolveView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=ResolveInputSerializer, responses=ReviewThreadSerializer)
    @may_answer(400, 403)
    def post(self, request, pk, comment_pk):
        response = _response(request, pk)
        thread = _thread(response, comment_pk)
        if not permissions.can_resolve_comments(request.user, response):
            raise PermissionDenied
        payload = ResolveInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        review_services.comment_set_resolved(
            thread=thread, resolved=payload.validated_data["resolved"], by=request.user
        )
        thread = selectors.response_thread(response=response, pk=thread.pk)
        thread.thread_replies = list(thread.replies.select_related("created_by"))
        return ApiResponse(ReviewThreadSerializer(thread).data)


class ResponseTimelineView(APIView):
    """Every change and review step of the response, newest first."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("section", int),
            OpenApiParameter("person", int, description="User id"),
            OpenApiParameter("kind", str, enum=[k for k, _label in timeline.kind_choices()]),
        ],
        responses=TimelineEntrySerializer(many=True),
    )
    def get(self, request, pk):
        response = _response(request, pk)
        filters = {}
        for name in ("section", "person"):
            raw = request.query_params.get(name, "")
            if raw:
                if not (raw.isascii() and raw.isdigit() and len(raw) < 10):
                    return ApiResponse({name: ["Give an id."]}, status=status.HTTP_400_BAD_REQUEST)
                filters[name] = int(raw)
        kind = request.query_params.get("kind", "")
        if kind and kind not in dict(timeline.kind_choices()):
            return ApiResponse({"kind": ["Not a kind of entry."]}, status=status.HTTP_400_BAD_REQUEST)
        entries = timeline.response_timeline(response=response, kind=kind, **filters)
        return ApiResponse(TimelineEntrySerializer(entries, many=True).data)
